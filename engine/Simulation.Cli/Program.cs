return Simulation.Cli.SimApp.Run(args);
