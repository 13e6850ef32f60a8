namespace AutoPR.Build;

public enum Verbosity
{
    Quiet,
    Minimal,
    Normal,
    Verbose,
}
