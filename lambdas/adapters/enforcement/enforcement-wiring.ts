/** Enforcement help adapters, built once per container: the help content store. */
import { requiredEnv } from '../../shared/config';
import { sharedDocumentClient } from '../clients/dynamodb';
import { HelpContentStore } from './help-content-store';

let store: HelpContentStore | undefined;
export function helpContentStore(): HelpContentStore {
  store ??= new HelpContentStore(sharedDocumentClient(), requiredEnv('TABLE_NAME'));
  return store;
}
