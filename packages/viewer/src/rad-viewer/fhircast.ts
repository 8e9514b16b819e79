// FHIRcast STU3 as a subscriber and publisher over the WebSocket channel: the subscription request
// (with the SMART access token), the hub's confirmation, each event notification answered with its
// `{ id, status }`, event requests (`-open`, `-close`), and the subscriber's own SyncError when it
// accepted an event (202) it then could not follow.

/** A FHIRcast event notification (STU3 2.5) or request (2.6). */
export interface FhircastNotification {
  timestamp: string;
  id: string;
  event: {
    'hub.topic': string;
    'hub.event': string;
    context: { key: string; resource?: Record<string, unknown>; reference?: Record<string, unknown> }[];
  };
}

export interface FhircastHub {
  url: string;
  topic: string;
}

/** How the subscriber names itself to the hub (in SyncError notifications). */
const SUBSCRIBER = 'Telerad Elements viewer';

/** Answers a notification: an HTTP status (200 followed, 202 accepted and under way, 409 refused). */
export type NotificationHandler = (notification: FhircastNotification) => number | Promise<number>;

export class FhircastSession {
  #socket?: WebSocket;
  #endpoint?: string;

  constructor(
    private readonly hub: FhircastHub,
    private readonly token: () => Promise<string>,
    private readonly handle: NotificationHandler,
  ) {}

  /** Subscribes to `events`; resolves once the hub confirmed the subscription over the socket. */
  async subscribe(events: readonly string[]): Promise<void> {
    const body = new URLSearchParams({
      'hub.channel.type': 'websocket',
      'hub.mode': 'subscribe',
      'hub.topic': this.hub.topic,
      'hub.events': events.join(','),
      'subscriber.name': SUBSCRIBER,
    });
    const response = await this.#post(body.toString(), 'application/x-www-form-urlencoded');
    if (response.status !== 202) throw new Error(`the hub refused the subscription (HTTP ${response.status})`);
    this.#endpoint = ((await response.json()) as Record<string, string>)['hub.channel.endpoint'];
    const socket = new WebSocket(this.#endpoint);
    this.#socket = socket;
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener('error', () => reject(new Error('the hub closed the channel')), { once: true });
      socket.addEventListener('message', (message) => {
        const data = JSON.parse(String(message.data)) as Record<string, unknown>;
        if (data['hub.mode'] === 'subscribe') resolve();
        else if (data['hub.mode'] === 'denied') reject(new Error(String(data['hub.reason'] ?? 'denied')));
        else if (data.event) void this.#answer(data as unknown as FhircastNotification);
      });
    });
  }

  /** Answers a notification with its status (a handler that throws: 500). */
  async #answer(notification: FhircastNotification): Promise<void> {
    let status: number;
    try {
      status = await this.handle(notification);
    } catch {
      status = 500;
    }
    this.#socket?.send(JSON.stringify({ id: notification.id, status }));
  }

  /** Requests a context change (or sends a SyncError): the event to the hub, which distributes it. */
  async publish(event: string, context: FhircastNotification['event']['context']): Promise<void> {
    const notification: FhircastNotification = {
      timestamp: new Date().toISOString(),
      id: crypto.randomUUID(),
      event: { 'hub.topic': this.hub.topic, 'hub.event': event, context },
    };
    await this.#post(JSON.stringify(notification), 'application/json');
  }

  /** The subscriber could not follow `about` after accepting it (STU3 3.2.1, severity warning). */
  async syncError(about: FhircastNotification, diagnostics: string): Promise<void> {
    const coding = [
      { system: 'https://fhircast.hl7.org/events/syncerror/eventid', code: about.id },
      { system: 'https://fhircast.hl7.org/events/syncerror/eventname', code: about.event['hub.event'] },
      { system: 'https://fhircast.hl7.org/events/syncerror/subscriber', code: SUBSCRIBER },
    ];
    const issue = [{ severity: 'warning', code: 'processing', diagnostics, details: { coding } }];
    await this.publish('SyncError', [
      { key: 'operationoutcome', resource: { resourceType: 'OperationOutcome', issue } },
    ]);
  }

  /** Unsubscribes and closes the channel normally (1000): the hub makes no SyncError of it. */
  async close(): Promise<void> {
    const socket = this.#socket;
    this.#socket = undefined;
    if (!socket || !this.#endpoint) return;
    const body = new URLSearchParams({
      'hub.channel.type': 'websocket',
      'hub.mode': 'unsubscribe',
      'hub.topic': this.hub.topic,
      'hub.channel.endpoint': this.#endpoint,
    });
    await this.#post(body.toString(), 'application/x-www-form-urlencoded').catch(() => undefined);
    socket.close(1000);
  }

  async #post(body: string, type: string): Promise<Response> {
    return fetch(this.hub.url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await this.token()}`, 'Content-Type': type },
      body,
    });
  }
}
