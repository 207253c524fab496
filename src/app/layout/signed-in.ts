/** The lazily loaded pieces of session-chrome.tsx, in one chunk. */
export { UserBox } from './user-box';
export { ScopeBanner } from './scope-banner';
export { NoAccessPage } from '../no-access-page';
