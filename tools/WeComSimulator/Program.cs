using LoginOrchestrator.WeComSimulator;

// dotnet run --project tools/WeComSimulator -- --urls http://127.0.0.1:5090 [--Simulator:UsersFile users.json]
SimulatorApp.Build(args).Run();
