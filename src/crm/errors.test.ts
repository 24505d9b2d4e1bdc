import { expect } from 'chai';
import { classifyError, CrmError, ErrorClass, errorCodeOf } from './errors.js';

describe('Salesforce error classification', () => {
  const cases: [unknown, ErrorClass][] = [
    [{ errorCode: 'UNABLE_TO_LOCK_ROW' }, ErrorClass.Transient],
    [{ errorCode: 'ERROR_HTTP_503' }, ErrorClass.Transient],
    [{ errorCode: 'ERROR_HTTP_599' }, ErrorClass.Transient],
    [Object.assign(new Error('x'), { cause: { code: 'ECONNRESET' } }), ErrorClass.Transient],
    [new TypeError('fetch failed'), ErrorClass.Transient],
    [{ errorCode: 'REQUEST_LIMIT_EXCEEDED' }, ErrorClass.Throttled],
    [{ errorCode: 'ERROR_HTTP_429' }, ErrorClass.Throttled],
    [{ errorCode: 'INVALID_SESSION_ID' }, ErrorClass.Auth],
    [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK' }, ErrorClass.Collateral],
    [{ statusCode: 'REQUIRED_FIELD_MISSING' }, ErrorClass.Permanent],
    [{ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' }, ErrorClass.Permanent],
    [{ errorCode: 'DUPLICATE_VALUE' }, ErrorClass.Permanent],
    [{ errorCode: 'ENTITY_IS_DELETED' }, ErrorClass.Permanent],
    ['a string', ErrorClass.Permanent],
  ];
  for (const [error, expected] of cases) {
    it(`classifies ${JSON.stringify(error) ?? String(error)} as ${expected}`, () => {
      expect(classifyError(error)).to.equal(expected);
    });
  }

  it('reads the code from jsforce errors named after it', () => {
    const e = new Error('Session expired');
    e.name = 'INVALID_SESSION_ID';
    expect(errorCodeOf(e)).to.equal('INVALID_SESSION_ID');
    expect(errorCodeOf(null)).to.equal('UNKNOWN');
  });

  it('wraps anything as a CrmError keeping Salesforce words', () => {
    const wrapped = CrmError.from(
      Object.assign(new Error('unable to obtain exclusive access'), { errorCode: 'UNABLE_TO_LOCK_ROW' }),
    );
    expect(wrapped.errorCode).to.equal('UNABLE_TO_LOCK_ROW');
    expect(wrapped.errorClass).to.equal(ErrorClass.Transient);
    expect(wrapped.message).to.equal('unable to obtain exclusive access');
    expect(CrmError.from(wrapped)).to.equal(wrapped);
  });
});
