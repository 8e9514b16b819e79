export { RadStudyBrowser, type StudySearchService, type StudySelectDetail } from './rad-study-browser/rad-study-browser.js';
export { byStudyDateDescending, DEFAULT_COLUMNS, type StudyColumn } from './rad-study-browser/columns.js';
