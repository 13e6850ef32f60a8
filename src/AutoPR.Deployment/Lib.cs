namespace AutoPR.Deployment; public static class Placeholder0 { }
