// The viewport's tool group: navigation and measurement tools registered once per page, bound to
// the mouse, touch and wheel as reading software binds them, and the primary button's tool swapped.
import type { CornerstoneRuntime } from './cornerstone-runtime.js';
import { MEASUREMENT_TOOLS, type MeasurementTool } from './measurements.js';

/** Tools the controller registers: navigation plus the measurement tools. */
const NAVIGATION_TOOLS = ['WindowLevel', 'Pan', 'Zoom', 'StackScroll', 'PlanarRotate'] as const;
/** `Crosshairs` moves a rendering group's crosshair point on a reformat (ReformatController's, not Cornerstone's). */
export type ViewportTool = (typeof NAVIGATION_TOOLS)[number] | MeasurementTool | 'Crosshairs';

/** Creates the viewport's tool group with every tool, and adds the viewport to it. */
export function setUpTools({ tools }: CornerstoneRuntime, viewportId: string, engineId: string): void {
  for (const name of [...NAVIGATION_TOOLS, ...MEASUREMENT_TOOLS]) {
    const toolClass = (tools as unknown as Record<string, { toolName: string }>)[`${name}Tool`];
    // addTool is global and throws on a second registration.
    if (!tools.state.tools[toolClass.toolName]) tools.addTool(toolClass as never);
  }
  const group = tools.ToolGroupManager.createToolGroup(viewportId);
  if (!group) throw new Error('tool group could not be created');
  for (const name of [...NAVIGATION_TOOLS, ...MEASUREMENT_TOOLS]) group.addTool(name);
  // Not inverted: Cornerstone's own direction is already wheel down (and drag down) = next image,
  // as in most reading software and as ArrowDown. (A synthetic WheelEvent, which lacks the legacy
  // wheelDelta fields, reads the other way round: test with real input.)
  const { MouseBindings } = tools.Enums;
  group.setToolActive('WindowLevel', { bindings: [{ mouseButton: MouseBindings.Primary }] });
  group.setToolActive('Pan', { bindings: [{ mouseButton: MouseBindings.Auxiliary }, { numTouchPoints: 3 }] });
  // Touch: pinch zooms, three fingers pan; one finger drives the active tool like the mouse.
  group.setToolActive('Zoom', { bindings: [{ mouseButton: MouseBindings.Secondary }, { numTouchPoints: 2 }] });
  group.setToolActive('StackScroll', { bindings: [{ mouseButton: MouseBindings.Wheel }] });
  for (const name of MEASUREMENT_TOOLS) group.setToolPassive(name);
  group.addViewport(viewportId, engineId);
}

/** Makes `tool` the primary-button tool; measurement tools keep their annotations editable. */
export function setPrimaryTool({ tools }: CornerstoneRuntime, viewportId: string, tool: ViewportTool): void {
  const group = tools.ToolGroupManager.getToolGroup(viewportId);
  if (!group) return;
  const current = group.getActivePrimaryMouseButtonTool();
  if (current === tool) return;
  const primary = [{ mouseButton: tools.Enums.MouseBindings.Primary }];
  if (current) group.setToolPassive(current, { removeAllBindings: primary });
  if (tool !== 'Crosshairs') group.setToolActive(tool, { bindings: primary });
}
