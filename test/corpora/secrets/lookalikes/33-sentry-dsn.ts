Sentry.init({
  dsn: 'https://4b3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d@o123456.ingest.sentry.io/7654321',
  tracesSampleRate: 0.1,
});
