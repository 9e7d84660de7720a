import nock from 'nock';

/**
 * Activates nock for the calling test file only. Jest reuses a worker process for several files:
 * a nock left active by another file's module instance would intercept this file's requests (and
 * other files' real ones), so each file activates on start and restores on exit.
 */
export function useNockInThisFile(): void {
  beforeAll(() => {
    if (!nock.isActive()) nock.activate();
    nock.disableNetConnect();
  });
  afterEach(() => nock.cleanAll());
  afterAll(() => {
    nock.enableNetConnect();
    nock.restore();
  });
}
