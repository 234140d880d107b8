/**
 * Import first in a test file: the shared Powertools logger reads its level when
 * its module loads, so this must run before any handler module is imported.
 */
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
