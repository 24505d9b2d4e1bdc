// Registers an org reached with an access token (the local org) in the Salesforce CLI's auth store, under
// an alias, so that `--target-org <alias>` resolves to it in every sf command, ours and Salesforce's.
import { AuthInfo, StateAggregator } from '@salesforce/core';

export async function authorizeWithToken(options: {
  instanceUrl: string;
  accessToken: string;
  alias: string;
}): Promise<string> {
  const authInfo = await AuthInfo.create({
    accessTokenOptions: {
      accessToken: options.accessToken,
      instanceUrl: options.instanceUrl,
      loginUrl: options.instanceUrl,
    },
  });
  await authInfo.save();
  const username = authInfo.getUsername();
  if (username === undefined) throw new Error('The org did not tell its username.');
  const state = await StateAggregator.getInstance();
  await state.aliases.setAndSave(options.alias, username);
  return username;
}
