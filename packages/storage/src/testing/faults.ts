import type { S3Client } from '@aws-sdk/client-s3';
import type { ObjectStore } from '../object-store.js';

export interface FaultOptions {
  /** Fail only the nth matching call (1-based); every call fails when omitted. */
  failOnCall?: number;
  /** Only calls whose object key passes this match (e.g. only thumbnail puts). */
  key?: (key: string) => boolean;
}

export interface Fault {
  /** Matching calls seen so far, failed ones included. */
  readonly calls: number;
  readonly failures: number;
  /** Removes the fault; later calls reach S3 again. */
  restore(): void;
}

let faultCounter = 0;

/**
 * Makes chosen S3 commands fail before they are sent, through the client's middleware stack, as a 503
 * from S3 would (so `isStorageUnavailable` holds). Everything else still reaches the real server.
 */
export function injectS3Fault(target: S3Client | ObjectStore, commands: readonly string[], options: FaultOptions = {}): Fault {
  const client = 'bucket' in target ? target.client : target;
  const name = `brandiInjectedFault${++faultCounter}`;
  const state = { calls: 0, failures: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (!commands.includes(context.commandName ?? '')) return next(args);
      const key = (args.input as { Key?: unknown }).Key;
      if (options.key && !(typeof key === 'string' && options.key(key))) return next(args);
      state.calls += 1;
      if (options.failOnCall === undefined || options.failOnCall === state.calls) {
        state.failures += 1;
        throw Object.assign(new Error(`Injected fault: ${context.commandName} call ${state.calls}`), {
          name: 'ServiceUnavailable',
          $fault: 'server',
          $metadata: { httpStatusCode: 503 },
        });
      }
      return next(args);
    },
    { step: 'initialize', name },
  );
  return {
    get calls() {
      return state.calls;
    },
    get failures() {
      return state.failures;
    },
    restore() {
      client.middlewareStack.remove(name);
    },
  };
}

export function failingPuts(target: S3Client | ObjectStore, options: FaultOptions = {}): Fault {
  return injectS3Fault(target, ['PutObjectCommand'], options);
}

export function failingDeletes(target: S3Client | ObjectStore, options: FaultOptions = {}): Fault {
  return injectS3Fault(target, ['DeleteObjectsCommand', 'DeleteObjectCommand'], options);
}
