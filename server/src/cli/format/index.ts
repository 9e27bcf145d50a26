/** Every report format of `lint`, one module each. */
export type { FileReport } from './report';
export { formatText } from './text';
export { formatJson } from './json';
export { formatSarif } from './sarif';
export { formatCheckstyle } from './checkstyle';
export { formatJunit } from './junit';
export { formatGitlab } from './gitlab';
export { formatRules } from './rules';
