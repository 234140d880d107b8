/**
 * The platform table's key design, as data: the CDK stateful stack and the
 * local bootstrap (DynamoDB Local) both build the table from this. Access
 * patterns are documented in docs/data-model.md.
 */
export interface KeyAttribute {
  name: string;
  type: 'S' | 'N';
}

export interface IndexDesign {
  indexName: string;
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
}

export interface TableDesign {
  /** Logical id; the physical name comes from CDK or the local prefix. */
  id: string;
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
  timeToLiveAttribute: string;
  globalSecondaryIndexes: IndexDesign[];
}

export const PLATFORM_TABLE: TableDesign = {
  id: 'platform',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  timeToLiveAttribute: 'expiresAt',
  globalSecondaryIndexes: [
    {
      indexName: 'gsi1',
      partitionKey: { name: 'gsi1pk', type: 'S' },
      sortKey: { name: 'gsi1sk', type: 'S' },
    },
    {
      indexName: 'gsi2',
      partitionKey: { name: 'gsi2pk', type: 'S' },
      sortKey: { name: 'gsi2sk', type: 'S' },
    },
  ],
};

/** Key builders: every key string the platform writes is made here. */
export const keys = {
  dataset: (datasetId: string) => ({ pk: `DATASET#${datasetId}`, sk: 'METADATA' }),
  datasetKeyword: (datasetId: string, keyword: string) => ({
    pk: `DATASET#${datasetId}`,
    sk: `KEYWORD#${keyword}`,
  }),
  catalogIndex: (datasetId: string) => ({ gsi1pk: 'CATALOG', gsi1sk: datasetId }),
  keywordIndex: (keyword: string, datasetId: string) => ({ gsi1pk: `KEYWORD#${keyword}`, gsi1sk: datasetId }),
  datasetTerm: (datasetId: string, term: string) => ({ pk: `DATASET#${datasetId}`, sk: `TERM#${term}` }),
  termIndex: (term: string, datasetId: string) => ({ gsi1pk: `TERM#${term}`, gsi1sk: datasetId }),
  datasetVersion: (datasetId: string, version: number) => ({
    pk: `DATASET#${datasetId}`,
    sk: `VERSION#${String(version).padStart(6, '0')}`,
  }),
  /** Staff work queue of versions that need someone (quarantined, failed, ready to publish). */
  versionStateIndex: (state: string, createdAt: string, datasetId: string, version: number) => ({
    gsi1pk: `VERSION-STATE#${state}`,
    gsi1sk: `${createdAt}#${datasetId}#${version}`,
  }),
  /** One audit trail per record: a dataset's trail also holds its versions' events. */
  auditTrail: (subjectType: string, subjectId: string) =>
    subjectType === 'dataset-version'
      ? `AUDIT#dataset#${subjectId.split('/')[0]}`
      : `AUDIT#${subjectType}#${subjectId}`,
  auditEvent: (subjectType: string, subjectId: string, at: string, eventId: string) => ({
    pk: keys.auditTrail(subjectType, subjectId),
    sk: `${at}#${eventId}`,
  }),
  /** The audit log viewer reads one day at a time. */
  auditDayIndex: (at: string, eventId: string) => ({
    gsi2pk: `AUDIT-DAY#${at.slice(0, 10)}`,
    gsi2sk: `${at}#${eventId}`,
  }),
  apiKeyApplication: (applicationId: string) => ({ pk: `APPLICATION#${applicationId}`, sk: 'METADATA' }),
  applicationStatusIndex: (status: string, submittedAt: string, applicationId: string) => ({
    gsi1pk: `APPLICATIONS#${status}`,
    gsi1sk: `${submittedAt}#${applicationId}`,
  }),
  applicationOfficeIndex: (office: string, status: string, submittedAt: string, applicationId: string) => ({
    gsi2pk: `APPLICATIONS-OFFICE#${office}`,
    gsi2sk: `${status}#${submittedAt}#${applicationId}`,
  }),
  /** At most one open application per e-mail address (hashed). */
  openApplicationLock: (emailHash: string) => ({ pk: `APPLICANT#${emailHash}`, sk: 'OPEN-APPLICATION' }),
  applicationRate: (ipHash: string, hour: string) => ({ pk: `APPLICATION-RATE#${ipHash}`, sk: hour }),
  idempotency: (scope: string, keyHash: string) => ({
    pk: `IDEMPOTENCY#${scope}#${keyHash}`,
    sk: 'RESPONSE',
  }),
  apiKey: (keyId: string) => ({ pk: `APIKEY#${keyId}`, sk: 'METADATA' }),
  apiKeyStatusIndex: (status: string, createdAt: string, keyId: string) => ({
    gsi1pk: `APIKEYS#${status}`,
    gsi1sk: `${createdAt}#${keyId}`,
  }),
  /** A key value waiting for its one retrieval (deleted when read, or by TTL). */
  keyRetrieval: (tokenHash: string) => ({ pk: `KEY-RETRIEVAL#${tokenHash}`, sk: 'VALUE' }),
  usageSecond: (keyId: string, epochSecond: number) => ({
    pk: `USAGE#${keyId}`,
    sk: `SECOND#${epochSecond}`,
  }),
  usageDay: (keyId: string, day: string) => ({ pk: `USAGE#${keyId}`, sk: `DAY#${day}` }),
  abuseSignal: (keyId: string, day: string) => ({ pk: `USAGE#${keyId}`, sk: `ABUSE-SIGNAL#${day}` }),
  /** Signals waiting for the detection job (removed from the index once a case is opened). */
  abuseSignalIndex: (day: string, keyId: string) => ({ gsi1pk: 'ABUSE-SIGNALS', gsi1sk: `${day}#${keyId}` }),
  /** Every dataset a department owns, whatever its status (the staff's list; the catalog shows only published ones). */
  datasetOwner: (datasetId: string) => ({ pk: `DATASET#${datasetId}`, sk: 'OWNER' }),
  ownedDatasetIndex: (department: string, datasetId: string) => ({
    gsi1pk: `DATASETS-OWNED#${department}`,
    gsi1sk: datasetId,
  }),
  departmentIndex: (department: string, datasetId: string) => ({
    gsi2pk: `DEPARTMENT#${department}#DATASETS`,
    gsi2sk: datasetId,
  }),
  recordsRequest: (trackingNumber: string) => ({ pk: `RECORDS-REQUEST#${trackingNumber}`, sk: 'METADATA' }),
  /** The requester's identity and contact: a separate item, so public reads never load it. */
  requester: (trackingNumber: string) => ({ pk: `RECORDS-REQUEST#${trackingNumber}`, sk: 'REQUESTER' }),
  /** Requests by one requester (hashed identity): duplicate check and the neutral per-requester export. */
  requesterIndex: (requesterKey: string, receivedAt: string, trackingNumber: string) => ({
    gsi2pk: `REQUESTER#${requesterKey}`,
    gsi2sk: `${receivedAt}#${trackingNumber}`,
  }),
  requestMessage: (trackingNumber: string, at: string, messageId: string) => ({
    pk: `RECORDS-REQUEST#${trackingNumber}`,
    sk: `MESSAGE#${at}#${messageId}`,
  }),
  requestDocument: (trackingNumber: string, documentId: string) => ({
    pk: `RECORDS-REQUEST#${trackingNumber}`,
    sk: `DOCUMENT#${documentId}`,
  }),
  /** The last tracking number handed out in a year (conditional increment: no gaps, no collisions). */
  trackingNumberCounter: (year: number) => ({ pk: 'TRACKING-NUMBERS', sk: `YEAR#${year}` }),
  /** Open requests by statutory due date (the daily job and the clerks' queue). */
  openRequestIndex: (dueDate: string, trackingNumber: string) => ({
    gsi1pk: 'RECORDS-REQUESTS#OPEN',
    gsi1sk: `${dueDate}#${trackingNumber}`,
  }),
  /** Closed requests by closing time, one partition per year (the public archive). */
  closedRequestIndex: (year: number, closedAt: string, trackingNumber: string) => ({
    gsi1pk: `RECORDS-REQUESTS#CLOSED#${year}`,
    gsi1sk: `${closedAt}#${trackingNumber}`,
  }),
  /** A department's queue: open ones by due date, closed ones by closing time. */
  departmentRequestIndex: (department: string, open: boolean, sortValue: string, trackingNumber: string) => ({
    gsi2pk: `RECORDS-DEPARTMENT#${department}#${open ? 'OPEN' : 'CLOSED'}`,
    gsi2sk: `${sortValue}#${trackingNumber}`,
  }),
  holidayCalendar: () => ({ pk: 'HOLIDAY-CALENDAR', sk: 'CURRENT' }),
  holidayCalendarRevision: (revision: number) => ({
    pk: 'HOLIDAY-CALENDAR',
    sk: `REVISION#${String(revision).padStart(6, '0')}`,
  }),
  protectedAddresses: () => ({ pk: 'PROTECTED-ADDRESSES', sk: 'LIST' }),
  /** The public enforcement help (FAQ, how-to, contacts) the city edits: current, and each saved revision. */
  helpContent: () => ({ pk: 'HELP-CONTENT', sk: 'CURRENT' }),
  helpContentRevision: (revision: number) => ({
    pk: 'HELP-CONTENT',
    sk: `REVISION#${String(revision).padStart(6, '0')}`,
  }),
  enforcementCase: (reportNumber: string) => ({ pk: `CASE#${reportNumber}`, sk: 'METADATA' }),
  /** The reporter's contact and status-link token: a separate item, never read with the case. */
  caseReporter: (reportNumber: string) => ({ pk: `CASE#${reportNumber}`, sk: 'REPORTER' }),
  /** One entry per office a case is routed to: the office's queue. */
  caseOffice: (reportNumber: string, office: string) => ({
    pk: `CASE#${reportNumber}`,
    sk: `OFFICE#${office}`,
  }),
  caseOfficeIndex: (office: string, open: boolean, receivedAt: string, reportNumber: string) => ({
    gsi1pk: `CASES-OFFICE#${office}#${open ? 'OPEN' : 'CLOSED'}`,
    gsi1sk: `${receivedAt}#${reportNumber}`,
  }),
  /** Every case, open or closed (City IT's queue). */
  caseIndex: (open: boolean, receivedAt: string, reportNumber: string) => ({
    gsi1pk: `CASES#${open ? 'OPEN' : 'CLOSED'}`,
    gsi1sk: `${receivedAt}#${reportNumber}`,
  }),
  /** A party's cases (offence levels: first, repeat, continuing). */
  casePartyIndex: (kind: string, id: string, receivedAt: string, reportNumber: string) => ({
    gsi2pk: `CASE-PARTY#${kind}#${id}`,
    gsi2sk: `${receivedAt}#${reportNumber}`,
  }),
  caseAttachment: (reportNumber: string, attachmentId: string) => ({
    pk: `CASE#${reportNumber}`,
    sk: `ATTACHMENT#${attachmentId}`,
  }),
  reportNumberCounter: (year: number) => ({ pk: 'REPORT-NUMBERS', sk: `YEAR#${year}` }),
  reportRate: (ipHash: string, hour: string) => ({ pk: `REPORT-RATE#${ipHash}`, sk: hour }),
  /** File downloads of one dataset version (the incident record of a personal-data exposure). */
  versionDownloads: (datasetId: string, version: number) => ({
    pk: `DATASET#${datasetId}`,
    sk: `DOWNLOADS#${String(version).padStart(6, '0')}`,
  }),
  /** The latest request statistics (the daily statistics job writes it). */
  recordsStatistics: () => ({ pk: 'STATISTICS', sk: 'RECORDS-REQUESTS' }),
  recordsSubmissionRate: (ipHash: string, hour: string) => ({ pk: `RECORDS-RATE#${ipHash}`, sk: hour }),
  /** A daily job step that already ran (so running the job twice sends nothing twice). */
  jobStep: (step: string, day: string) => ({ pk: `JOB#${step}`, sk: day }),
  /** The local e-mail outbox: one partition, newest first by `sk` (only local mode writes it). */
  outbox: () => 'OUTBOX',
  outboxMessage: (sentAt: string, messageId: string) => ({ pk: keys.outbox(), sk: `${sentAt}#${messageId}` }),
};
