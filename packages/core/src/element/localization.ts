import { configureLocalization } from '@lit/localize';
import type { LocaleModule } from '@lit/localize';

/** Locales the elements ship; English is the source language. */
export const SOURCE_LOCALE = 'en';
export const TARGET_LOCALES = ['de'] as const;
export type RadLocale = typeof SOURCE_LOCALE | (typeof TARGET_LOCALES)[number];

type TranslationLoader = () => Promise<LocaleModule>;

/** Each package registers its own translations, so a page loads only those of elements it uses. */
const loaders = new Map<string, TranslationLoader[]>();

export function registerTranslations(locale: (typeof TARGET_LOCALES)[number], loader: TranslationLoader): void {
  loaders.set(locale, [...(loaders.get(locale) ?? []), loader]);
}

// Core's own strings (error messages shared by every element).
registerTranslations('de', () => import('../locales/de.js'));

let localization: ReturnType<typeof configureLocalization> | undefined;

/**
 * Switches every Telerad element on the page to `locale`. @lit/localize allows one configuration
 * per page: a host that configures @lit/localize itself should merge our translations instead.
 */
export async function setRadLocale(locale: RadLocale): Promise<void> {
  localization ??= configureLocalization({
    sourceLocale: SOURCE_LOCALE,
    targetLocales: TARGET_LOCALES,
    loadLocale: async (target) => {
      const modules = await Promise.all((loaders.get(target) ?? []).map((load) => load()));
      return { templates: Object.assign({}, ...modules.map((m) => m.templates)) as LocaleModule['templates'] };
    },
  });
  await localization.setLocale(locale);
}

/** The active locale (the source locale until `setRadLocale` is called). */
export function getRadLocale(): string {
  return localization?.getLocale() ?? SOURCE_LOCALE;
}
