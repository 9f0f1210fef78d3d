// Entry of the detached local-service process (started by ensureLocalService through
// bin/sparkify-service.js): its options arrive as one JSON argument.
import { runLocalService, type ServiceOptions } from './service-server.js';

const options = JSON.parse(process.argv[2] ?? '{}') as ServiceOptions;
try {
  await runLocalService(options);
  process.exit(0);
} catch (err) {
  process.stderr.write(`sparkify local service failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
}
