// The base of every prm command: SfCommand, except that a --json error carries the message, the actions
// and the data but no stack trace or inspected cause (install paths and internals are not for users or CI
// logs; `SF_LOG_LEVEL=debug` still records them in the sf log).
import { SfCommand } from '@salesforce/sf-plugins-core';

export abstract class PrmCommand<T> extends SfCommand<T> {
  public override logJson(json: unknown): void {
    if (typeof json === 'object' && json !== null && 'stack' in json) {
      const { stack: _stack, cause: _cause, ...rest } = json as Record<string, unknown>;
      super.logJson(rest);
      return;
    }
    super.logJson(json);
  }
}
