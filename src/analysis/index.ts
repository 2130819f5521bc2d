export { loadAnalyzer, loadTopics, loadAlertRules, type LoadAnalyzerOptions } from './load-analyzer.ts';
export { readLexicon } from './lexicon-files.ts';
export { itemDomains } from './item-domains.ts';
