/** What every `citygrid` command is: a handler from its arguments to an exit code (0 done, 1 failed, 2 wrong usage). */
export type Command = (args: string[]) => Promise<number>;
