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
};

export function missingSystemPackages() {
  return Object.entries(SYSTEM_PACKAGES)
    .filter(([, probe]) => !existsSync(probe))
    .map(([name]) => name);
}

export function ensureSystemPackages() {
  const missing = missingSystemPackages();
  if (missing.length === 0) return;
  const install = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    console.error(
      `\nMissing Debian packages: ${missing.join(', ')}.\nInstall them, then run this again:\n\n  sudo apt-get update && sudo ${install}\n`,
    );
    process.exit(1);
  }
  console.log(`Installing Debian packages: ${missing.join(', ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const result = spawnSync('sh', ['-c', `${install} -qq`], { stdio: 'inherit', env });
  if (result.status !== 0 || missingSystemPackages().length > 0) {
    console.error(`apt-get could not install: ${missingSystemPackages().join(', ')}`);
    process.exit(1);
  }
}
