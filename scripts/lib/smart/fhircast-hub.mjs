// A FHIRcast STU3 hub for the tests and the demo (no hub is packaged for Node): WebSocket
// subscriptions (subscription request, 202 with `hub.channel.endpoint`, confirmation over the
// socket, denial, unsubscribe), event requests distributed to the topic's subscribers of that event
// (the requester included), acknowledgements (`{ id, status }`), and `SyncError` both relayed from a
// subscriber and generated when a subscriber answers an event with a failure. Bearer tokens are
// checked with the authorization server's `verify`. A test peer, not a product feature: no
// webhooks, no current-context retrieval, no content sharing versions.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

const LEASE_SECONDS = 7200;

const json = (res, status, body) =>
  res.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' }).end(JSON.stringify(body));

async function readText(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

/** The SyncError event of FHIRcast 3.2.1 about the event `about` (its id and name) and a subscriber. */
export function syncError(topic, about, subscriber, diagnostics) {
  const coding = [
    { system: 'https://fhircast.hl7.org/events/syncerror/eventid', code: about.id },
    { system: 'https://fhircast.hl7.org/events/syncerror/eventname', code: about.event['hub.event'] },
    { system: 'https://fhircast.hl7.org/events/syncerror/subscriber', code: subscriber },
  ];
  return {
    timestamp: new Date().toISOString(),
    id: randomUUID(),
    event: {
      'hub.topic': topic,
      'hub.event': 'SyncError',
      context: [{ key: 'operationoutcome', resource: { resourceType: 'OperationOutcome', issue: [{ severity: 'warning', code: 'processing', diagnostics, details: { coding } }] } }],
    },
  };
}

/**
 * Starts the hub on 127.0.0.1. `verify(token)` resolves truthy for a token the authorization
 * server issued. Resolves to { url, subscriptions, received, acknowledgements, publish(event), close() }:
 * `received` lists every event requested of the hub (from subscribers or `publish`), and
 * `acknowledgements` every `{ id, status, subscriber }` a subscriber answered.
 */
export async function startFhircastHub({ verify }) {
  const server = createServer();
  const sockets = new WebSocketServer({ noServer: true });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  /** Subscriptions by endpoint id: topic, events (lower case), subscriber name, socket once connected. */
  const subscriptions = new Map();
  const received = [];
  const acknowledgements = [];
  /** Events sent, by id: what a failed acknowledgement is about. */
  const sent = new Map();

  const authorized = async (req) => Boolean(await verify(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]));

  async function subscription(req, res) {
    const form = new URLSearchParams(await readText(req));
    const [type, mode, topic] = ['hub.channel.type', 'hub.mode', 'hub.topic'].map((name) => form.get(name));
    if (type !== 'websocket') return json(res, 400, { error: 'hub.channel.type must be websocket' });
    if (!topic || (mode !== 'subscribe' && mode !== 'unsubscribe')) return json(res, 400, { error: 'hub.mode and hub.topic are required' });
    if (mode === 'unsubscribe') {
      const id = form.get('hub.channel.endpoint')?.trim().split('/').pop();
      const known = subscriptions.get(id);
      if (!known || known.topic !== topic) return json(res, 404, { error: 'no such subscription' });
      subscriptions.delete(id);
      known.socket?.close(1000);
      return json(res, 202, { 'hub.channel.endpoint': form.get('hub.channel.endpoint').trim() });
    }
    const events = (form.get('hub.events') ?? '').split(',').map((e) => e.trim()).filter(Boolean);
    if (!events.length) return json(res, 400, { error: 'hub.events is required' });
    const id = form.get('hub.channel.endpoint')?.split('/').pop() ?? randomUUID();
    const endpoint = `${url.replace(/^http/, 'ws')}/ws/${id}`;
    subscriptions.set(id, { ...subscriptions.get(id), topic, events, subscriber: form.get('subscriber.name') ?? id });
    // A socket already open for this endpoint (a renewed subscription) is confirmed again at once.
    const renewed = subscriptions.get(id).socket;
    if (renewed) confirm(subscriptions.get(id));
    return json(res, 202, { 'hub.channel.endpoint': endpoint });
  }

  function confirm({ socket, topic, events }) {
    socket.send(JSON.stringify({ 'hub.mode': 'subscribe', 'hub.topic': topic, 'hub.events': events.join(','), 'hub.lease_seconds': LEASE_SECONDS }));
  }

  /** Sends `notification` to the topic's subscribers of its event (case-insensitive), except `except`. */
  function distribute(notification, except) {
    const { 'hub.topic': topic, 'hub.event': name } = notification.event;
    sent.set(notification.id, notification);
    for (const subscription of subscriptions.values()) {
      const wants = subscription.events.some((e) => e.toLowerCase() === name.toLowerCase());
      if (subscription.topic === topic && wants && subscription !== except && subscription.socket) subscription.socket.send(JSON.stringify(notification));
    }
  }

  /** An event requested of the hub: checked, accepted (202), distributed to every subscriber of it. */
  function publish(notification) {
    const event = notification?.event;
    if (!notification?.id || !notification.timestamp || !event?.['hub.topic'] || !event['hub.event'] || !Array.isArray(event.context)) return false;
    received.push(notification);
    distribute(notification);
    return true;
  }

  async function eventRequest(req, res) {
    let notification;
    try {
      notification = JSON.parse(await readText(req));
    } catch {
      return json(res, 400, { error: 'not JSON' });
    }
    return publish(notification) ? json(res, 202, {}) : json(res, 400, { error: 'timestamp, id and event (hub.topic, hub.event, context) are required' });
  }

  server.on('request', (req, res) => {
    if (req.method === 'OPTIONS') {
      return void res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'authorization, content-type', 'access-control-allow-methods': 'POST, GET' }).end();
    }
    const handle = async () => {
      if (req.method !== 'POST') return json(res, 405, { error: 'POST only' });
      if (!(await authorized(req))) return json(res, 401, { error: 'a valid bearer token is required' });
      return /json/.test(req.headers['content-type'] ?? '') ? eventRequest(req, res) : subscription(req, res);
    };
    handle().catch((error) => json(res, 500, { error: String(error?.message ?? error) }));
  });

  server.on('upgrade', (req, socket, head) => {
    const id = new URL(req.url, url).pathname.split('/').pop();
    const subscription = subscriptions.get(id);
    if (!subscription) return void socket.destroy();
    sockets.handleUpgrade(req, socket, head, (ws) => {
      subscription.socket = ws;
      confirm(subscription);
      ws.on('message', (data) => answered(subscription, data));
      ws.on('close', () => {
        if (subscription.socket === ws) subscription.socket = undefined;
      });
    });
  });

  /** A subscriber's answer: an acknowledgement (a failure becomes a SyncError for the others). */
  function answered(subscription, data) {
    let message;
    try {
      message = JSON.parse(String(data));
    } catch {
      return;
    }
    if (message.id === undefined || message.status === undefined) return;
    const status = Number(message.status);
    acknowledgements.push({ id: message.id, status, subscriber: subscription.subscriber });
    const about = sent.get(message.id);
    if (status >= 200 && status < 300) return;
    if (about && about.event['hub.event'].toLowerCase() !== 'syncerror')
      distribute(syncError(subscription.topic, about, subscription.subscriber, `${subscription.subscriber} did not follow the context (${status})`), subscription);
  }

  return {
    url,
    subscriptions,
    received,
    acknowledgements,
    publish,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
