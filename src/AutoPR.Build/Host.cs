namespace AutoPR.Build; public static class Placeholder0 { }
