// Ensures the Debian packages the project runs on are installed: installs them with apt-get when
// running as root, otherwise prints the exact command and stops.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian package → a file that proves it is installed. */
export const SYSTEM_PACKAGES = {
  chromium: '/usr/bin/chromium',
  orthanc: '/usr/sbin/Orthanc',
  'orthanc-dicomweb': '/usr/share/orthanc/plugins/libOrthancDicomWeb.so',
  dcmtk: '/usr/bin/dcmcjpls',
  'python3-pydicom': '/usr/lib/python3/dist-packages/pydicom/data/test_files/CT_small.dcm',
  'libgdcm-tools': '/usr/bin/gdcmconv',
  dicom3tools: '/usr/bin/dciodvfy',
  // Patient names in Japanese, Chinese and Korean (PN ideographic groups) render as glyphs, not boxes.
  'fonts-noto-cjk': '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
};

/** What the clustered archive of `npm run bench:scale` adds: PostgreSQL and Orthanc's index plugin for it. */
export const SCALE_PACKAGES = {
  postgresql: '/usr/lib/postgresql/15/bin/initdb',
  'orthanc-postgresql': '/usr/share/orthanc/plugins/libOrthancPostgreSQLIndex.so',
};

export function missingSystemPackages(packages = SYSTEM_PACKAGES) {
  return Object.entries(packages)
    .filter(([, probe]) => !existsSync(probe))
    .map(([name]) => name);
}

export function ensureSystemPackages(packages = SYSTEM_PACKAGES) {
  const missing = missingSystemPackages(packages);
  if (missing.length === 0) return;
  const install = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    const orthancNote = missing.includes('orthanc') ? `\n${SYSTEM_ORTHANC_NOTE}\nDisable it afterwards: sudo systemctl disable --now orthanc.service\n` : '';
    console.error(
      `\nMissing Debian packages: ${missing.join(', ')}.\nInstall them, then run this again:\n\n  sudo apt-get update && sudo ${install}\n${orthancNote}`,
    );
    process.exit(1);
  }
  console.log(`Installing Debian packages: ${missing.join(', ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const result = spawnSync('sh', ['-c', `${install} -qq`], { stdio: 'inherit', env });
  if (result.status !== 0 || missingSystemPackages(packages).length > 0) {
    console.error(`apt-get could not install: ${missingSystemPackages(packages).join(', ')}`);
    process.exit(1);
  }
  if (missing.includes('orthanc')) disableSystemOrthanc();
}

export const SYSTEM_ORTHANC_NOTE =
  "Debian's orthanc package enables a system-wide orthanc.service (port 8042, its own storage). This project never uses it: " +
  'it starts a private Orthanc on a free 127.0.0.1 port with its own data.';

/**
 * The commands that switch off the system-wide Orthanc the Debian package enables: disabled for
 * boot (systemctl edits the unit links even without a running systemd; update-rc.d for SysV
 * links), and stopped now where systemd runs.
 */
export function systemOrthancOff({ systemdRunning }) {
  return [
    ['systemctl', systemdRunning ? ['disable', '--now', 'orthanc.service'] : ['disable', 'orthanc.service']],
    ['update-rc.d', ['orthanc', 'disable']],
  ];
}

function disableSystemOrthanc() {
  const commands = systemOrthancOff({ systemdRunning: existsSync('/run/systemd/system') });
  for (const [command, args] of commands) spawnSync(command, args, { stdio: 'ignore' });
  console.log(`${SYSTEM_ORTHANC_NOTE}\nIt has been disabled (${commands.map(([c, a]) => `${c} ${a.join(' ')}`).join('; ')}).`);
}
