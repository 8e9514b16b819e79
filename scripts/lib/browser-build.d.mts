// Types of browser-build.mjs for the TypeScript that imports it (.storybook/main.ts).
import type { UserConfig } from 'vite';

export declare const browserResolve: { conditions: string[]; alias: Record<string, string> };
export declare function browserBuild(overrides: UserConfig): UserConfig;
