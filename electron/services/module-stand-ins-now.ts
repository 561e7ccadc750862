// Imported first by the Node entry points whose own imports load linebreak or fontkit (the test host,
// the job worker): installs the zlib decompressors before those packages are required.
import { installModuleStandIns } from './module-stand-ins';

installModuleStandIns();
