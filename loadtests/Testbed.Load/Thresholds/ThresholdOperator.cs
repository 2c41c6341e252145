namespace Testbed.Load.Thresholds;

/// <summary>The comparison a threshold makes: measured OP limit must hold.</summary>
internal enum ThresholdOperator { Less, LessOrEqual, Greater, GreaterOrEqual }
