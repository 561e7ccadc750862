// The newsroom server's log: one line per event on stdout (time, event, JSON context).
export type Log = (event: string, context?: Record<string, unknown>) => void;

export const stdoutLog: Log = (event, context) => {
  process.stdout.write(
    `${new Date().toISOString()} ${event}${context ? ' ' + JSON.stringify(context) : ''}\n`,
  );
};

export const quietLog: Log = () => {};
