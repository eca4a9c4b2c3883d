import { spawnSync } from 'node:child_process';

export const JAVA_INSTALL_HINT =
  'Install a Java 17+ JDK (Debian/Ubuntu: `sudo apt-get install openjdk-17-jdk-headless`; macOS: `brew install openjdk@17`) and put `java` on your PATH.';

/** Fails with what to install when Java is missing or too old. */
export function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error) throw new Error(`Java was not found, and DynamoDB Local runs on it. ${JAVA_INSTALL_HINT}`);
  const major = Number(/version "(?:1\.)?(\d+)/.exec(`${probe.stderr}${probe.stdout}`)?.[1]);
  if (Number.isFinite(major) && major < 17)
    throw new Error(`Java ${major} was found; DynamoDB Local here needs Java 17 or newer. ${JAVA_INSTALL_HINT}`);
}
