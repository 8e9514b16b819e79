// node --test: what the setup does to the system-wide Orthanc the Debian package enables.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SYSTEM_ORTHANC_NOTE, SYSTEM_PACKAGES, systemOrthancOff } from './system-deps.mjs';

test('the system-wide orthanc.service is disabled for boot, and stopped where systemd runs', () => {
  assert.deepEqual(systemOrthancOff({ systemdRunning: true })[0], ['systemctl', ['disable', '--now', 'orthanc.service']]);
  assert.deepEqual(systemOrthancOff({ systemdRunning: false })[0], ['systemctl', ['disable', 'orthanc.service']]);
  assert.ok(systemOrthancOff({ systemdRunning: false }).some(([command, args]) => command === 'update-rc.d' && args.join(' ') === 'orthanc disable'));
  assert.match(SYSTEM_ORTHANC_NOTE, /orthanc\.service/);
});

test('a CJK font is among the Debian packages, so ideographic names render as glyphs', () => {
  assert.ok(SYSTEM_PACKAGES['fonts-noto-cjk']);
});
