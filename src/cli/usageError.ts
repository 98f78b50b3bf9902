/** A mistake of the user's: printed as one clear message, exit status 2, never a stack trace. */
export class UsageError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}
