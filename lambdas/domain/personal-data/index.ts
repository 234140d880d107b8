/** Personal-data gate: the pure scanner ingestion runs over every row. See docs/personal-data-gate.md. */
export { PERSONAL_DATA_PATTERNS, type PersonalDataPattern, type PersonalDataPatternInfo } from './patterns';
export {
  createPersonalDataScanner,
  planColumns,
  MAX_SAMPLE_ROWS,
  type ColumnFinding,
  type ColumnScanPlan,
  type PersonalDataScanner,
} from './scanner';
export { classifyColumnName, columnNameTokens, type ColumnNameTraits } from './column-names';
export { MAX_SCANNED_CHARS } from './cell-scan';
export {
  isAbaRoutingNumber,
  isIban,
  isNanpNumber,
  isPaymentCardNumber,
  isValidSsn,
  luhnValid,
} from './checksums';
