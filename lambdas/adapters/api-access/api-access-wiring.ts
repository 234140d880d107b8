import { requiredEnv } from '../../shared/config';
import { sharedDocumentClient } from '../clients/dynamodb';
import { ApiAccessStore } from './api-access-store';
import { apiKeyAdmission } from './api-key-admission';

let store: ApiAccessStore | undefined;
export function apiAccessStore(): ApiAccessStore {
  store ??= new ApiAccessStore(sharedDocumentClient(), requiredEnv('TABLE_NAME'));
  return store;
}

let admission: ReturnType<typeof apiKeyAdmission> | undefined;
/** One admission check per container (its key-status cache lives as long as the container). */
export function sharedApiKeyAdmission(): ReturnType<typeof apiKeyAdmission> {
  admission ??= apiKeyAdmission(apiAccessStore());
  return admission;
}
