System.Console.WriteLine(Lsgan.Probe.Run());
