/** What ingestion needs of the personal-data scanner (lambdas/domain/personal-data). */
export interface ColumnFindingLike {
  column: string;
  pattern: string;
  count: number;
  sampleRows: number[];
}

export interface PersonalDataScannerLike {
  scanRow(rowNumber: number, cells: readonly string[]): void;
  findings(): ColumnFindingLike[];
}
