import type { Diagnostic, DiagnosticSeverity, ScanResult } from '@posture/model';
import type { Invocation, Notification } from 'sarif';
import { compact } from '../compact.js';
import type { Locator } from './locations.js';

const NOTIFICATION_LEVEL: Record<DiagnosticSeverity, Notification.level> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

export function toInvocation(
  result: ScanResult,
  locator: Locator,
  extraNotifications: readonly Notification[],
): Invocation {
  const { invocation } = result;
  const args = invocation.commandLine;
  return compact({
    startTimeUtc: invocation.startTime,
    endTimeUtc: invocation.endTime,
    commandLine: args && args.map(shellQuote).join(' '),
    arguments: args && [...args],
    executionSuccessful: invocation.executionSuccessful,
    toolExecutionNotifications: [
      ...result.diagnostics.map((diagnostic) => diagnosticNotification(diagnostic, locator)),
      ...extraNotifications,
    ],
  });
}

function diagnosticNotification(diagnostic: Diagnostic, locator: Locator): Notification {
  return {
    descriptor: { id: diagnostic.code },
    level: NOTIFICATION_LEVEL[diagnostic.severity],
    message: { text: diagnostic.message },
    locations: [{ physicalLocation: locator.physical(diagnostic.range) }],
  };
}

/** Quotes an argument only when a shell would split or expand it, so the line can be re-run. */
function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
