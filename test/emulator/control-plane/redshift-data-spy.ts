// Wraps the real Redshift Data service so tests can see which cluster databases the control plane
// asked it to destroy. Use in a test file with:
//   vi.mock('../../../src/emulator/redshift-data/index.js', async (importOriginal) =>
//     (await import('./redshift-data-spy.js')).spyOnRedshiftData(importOriginal));
import type { RedshiftDataDeps, RedshiftDataService } from '../../../src/emulator/contracts.js';

export const destroyedDatabases: string[] = [];

type RedshiftDataModule = { createRedshiftDataService(deps: RedshiftDataDeps): RedshiftDataService };

export async function spyOnRedshiftData(importOriginal: () => Promise<unknown>): Promise<RedshiftDataModule> {
  const real = (await importOriginal()) as RedshiftDataModule;
  return {
    createRedshiftDataService(deps) {
      const service = real.createRedshiftDataService(deps);
      return {
        handle: (operation, input) => service.handle(operation, input),
        async destroyClusterDatabase(identifier) {
          destroyedDatabases.push(identifier);
          await service.destroyClusterDatabase(identifier);
        },
        close: () => service.close(),
      };
    },
  };
}
