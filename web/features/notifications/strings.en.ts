import type { notificationsFa } from './strings.fa';

export const notificationsEn: typeof notificationsFa = {
  nav: 'SMS outbox',
  title: 'SMS outbox',
  description: 'Text messages sent to citizens, waiting to be sent, or failed.',
  status: 'Status',
  all: 'All',
  statuses: { pending: 'Waiting', sent: 'Sent', skipped: 'No message', dead: 'Failed' },
  columns: { createdAt: 'Event time', event: 'Event', text: 'Message', status: 'Status', attempts: 'Attempts', lastError: 'Last error', actions: 'Action' },
  events: {
    'request.registered': 'Request registered',
    'inspection.scheduled': 'Visit scheduled',
    'request.correction_needed': 'Returned for correction',
    'request.answer_ready': 'Answer ready',
    'request.cancelled': 'Request cancelled',
    'inquiry.answered': 'Inquiry answered',
  },
  resend: 'Send again',
  resent: 'The message is queued again.',
  emptyTitle: 'No messages in this state',
};
