// The command line's own errors; anything else thrown is the package's (printed with its name).

/** Bad usage: exit code 2, and a pointer to --help. */
export class UsageError extends Error {}

/** Input or options that do not fit the offer read: exit code 1, the message alone. */
export class InputError extends Error {}
