// The test FHIRcast hub (smart/fhircast-hub.mjs) against the STU3 specification's own example
// messages: subscription request and response, confirmation, event notification, acknowledgement,
// SyncError after a refused event, unsubscribe, and the requests it must refuse.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { startFhircastHub } from './smart/fhircast-hub.mjs';

const TOKEN = 'i8hweunweunweofiwweoijewiwe';
const TOPIC = 'fdb2f928-5546-4f52-87a0-0648e9ded065';

/** The specification's event notification example (2-5, Patient-open). */
const PATIENT_OPEN = {
  timestamp: '2018-01-08T01:37:05.14',
  id: 'q9v3jubddqt63n1',
  event: {
    'hub.topic': TOPIC,
    'hub.event': 'Patient-open',
    context: [{ key: 'patient', resource: { resourceType: 'Patient', id: 'ewUbXT9RWEbSj5wPEdgRaBw3', identifier: [{ value: '530002010', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', value: 'MR', display: 'Medication Record Number' }] } }] } }],
  },
};

describe('FHIRcast hub (STU3, WebSocket channel)', () => {
  let hub;
  const sockets = [];
  before(async () => {
    hub = await startFhircastHub({ verify: async (token) => token === TOKEN });
  });
  after(async () => {
    for (const socket of sockets) socket.terminate();
    await hub.close();
  });

  const post = (body, type = 'application/x-www-form-urlencoded', token = TOKEN) =>
    fetch(hub.url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });

  /** Subscribes as the specification's example does; resolves to the socket, its messages and the endpoint. */
  async function subscribe(name, events = 'Patient-open,Patient-close') {
    const response = await post(`hub.channel.type=websocket&hub.mode=subscribe&hub.topic=${TOPIC}&hub.events=${events}&subscriber.name=${name}`);
    assert.equal(response.status, 202);
    const endpoint = (await response.json())['hub.channel.endpoint'];
    const socket = new WebSocket(endpoint);
    sockets.push(socket);
    const messages = [];
    const waiters = [];
    socket.on('message', (data) => {
      messages.push(JSON.parse(String(data)));
      waiters.splice(0).forEach((wake) => wake());
    });
    const next = async (count) => {
      while (messages.length < count) await new Promise((resolve) => waiters.push(resolve));
      return messages[count - 1];
    };
    return { socket, messages, next, endpoint };
  }

  it('accepts a subscription with 202 and a wss endpoint, and confirms it over the socket', async () => {
    const { next, endpoint } = await subscribe('Acme Product');
    assert.match(endpoint, /^ws:\/\/127\.0\.0\.1:\d+\/ws\/[0-9a-f-]+$/);
    assert.deepEqual(await next(1), { 'hub.mode': 'subscribe', 'hub.topic': TOPIC, 'hub.events': 'Patient-open,Patient-close', 'hub.lease_seconds': 7200 });
  });

  it('distributes an event to the topic’s subscribers of it, as sent; one refusing it makes a SyncError for the others', async () => {
    const reader = await subscribe('Reader', 'Patient-open,SyncError');
    const refuser = await subscribe('Refuser', 'patient-open');
    const unrelated = await subscribe('Closer', 'Patient-close');
    await Promise.all([reader.next(1), refuser.next(1), unrelated.next(1)]);
    assert.equal((await post(JSON.stringify(PATIENT_OPEN), 'application/json')).status, 202);
    assert.deepEqual(await reader.next(2), PATIENT_OPEN);
    assert.deepEqual(await refuser.next(2), PATIENT_OPEN, 'event names are case-insensitive');
    reader.socket.send(JSON.stringify({ id: PATIENT_OPEN.id, status: '200' }));
    refuser.socket.send(JSON.stringify({ id: PATIENT_OPEN.id, status: '409' }));
    const error = await reader.next(3);
    assert.equal(error.event['hub.event'], 'SyncError');
    const { issue } = error.event.context[0].resource;
    assert.equal(issue[0].severity, 'warning');
    assert.deepEqual(issue[0].details.coding.map((c) => c.code), [PATIENT_OPEN.id, 'Patient-open', 'Refuser']);
    assert.equal(unrelated.messages.length, 1, 'no event of another type reaches a subscriber');
    assert.deepEqual(hub.acknowledgements.map((a) => [a.subscriber, a.status]), [['Reader', 200], ['Refuser', 409]]);
  });

  it('unsubscribes with 202, and closes the socket normally', async () => {
    const { next, socket, endpoint } = await subscribe('Leaving');
    await next(1);
    const closed = new Promise((resolve) => socket.on('close', resolve));
    const response = await post(`hub.channel.type=websocket&hub.channel.endpoint=${encodeURIComponent(endpoint)}&hub.mode=unsubscribe&hub.topic=${TOPIC}`);
    assert.equal(response.status, 202);
    assert.equal(await closed, 1000);
  });

  it('refuses requests without a token, without a websocket channel, and events without their fields', async () => {
    assert.equal((await post(`hub.channel.type=websocket&hub.mode=subscribe&hub.topic=${TOPIC}&hub.events=Patient-open`, undefined, 'stolen')).status, 401);
    assert.equal((await post(`hub.mode=subscribe&hub.topic=${TOPIC}&hub.events=Patient-open`)).status, 400);
    assert.equal((await post(JSON.stringify({ id: 'x', event: { 'hub.topic': TOPIC } }), 'application/json')).status, 400);
  });
});
