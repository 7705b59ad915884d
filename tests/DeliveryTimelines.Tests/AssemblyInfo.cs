// One test class at a time: a few tests measure real time (the event loop's overlap, the kitchen's calibration), and
// the 100,000-delivery test floods the thread pool; run side by side they would measure each other. The suite stays fast.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
