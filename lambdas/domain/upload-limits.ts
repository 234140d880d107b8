/**
 * The largest file each upload takes: one place for the schemas that refuse a
 * bigger one at the door and for the use cases that check it again.
 */
/** A dataset version's CSV (multipart above 100 MB). */
export const MAX_DATASET_FILE_BYTES = 5 * 1024 ** 3;
/** A document released for a records request. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 ** 3;
/** An attachment to a violation report (a screenshot, a PDF). */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
