using Vault.Cli;

return await VaultCommand.Create().Parse(args).InvokeAsync();
