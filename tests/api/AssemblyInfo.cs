// Hangfire keeps process-wide state (its storage and log provider): one test host at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
