// A @web/test-runner command that turns the mouse wheel the way a person does: a trusted wheel
// event from Chromium's input pipeline (Playwright's mouse.wheel), with the legacy wheelDelta
// fields a synthetic WheelEvent lacks and which Cornerstone reads first.
//   await executeServerCommand('wheel', { x, y, deltaY })   // page CSS px
export function wheelPlugin() {
  return {
    name: 'telerad-wheel',
    async executeCommand({ command, payload, session }) {
      if (command !== 'wheel') return undefined;
      const page = session.browser.getPage(session.id);
      await page.mouse.move(payload.x, payload.y);
      await page.mouse.wheel(0, payload.deltaY);
      return true;
    },
  };
}
