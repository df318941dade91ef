// The browser helpers, a subpath of their own (`@mystore/test-kit/browser`): only suites that drive a
// browser load playwright-core and axe-core.
export { type AxeViolation, seriousAxeViolations } from './axe.js';
export { chromiumPath, chromiumSuiteGate, launchChromium } from './chromium.js';
export { SCREENSHOTS_DIR, screenshot } from './screenshots.js';
