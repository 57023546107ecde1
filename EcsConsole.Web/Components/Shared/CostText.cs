using System.Globalization;

namespace EcsConsole.Web.Components.Shared;

/// <summary>Money as the cost UI shows it (US dollars, Fargate's currency): small amounts keep enough digits to mean something.</summary>
public static class CostText
{
    public const string EstimateTitle = "Estimate from the configured Fargate price table (Pricing), not a bill.";

    public static string Amount(decimal? value)
    {
        if (value is not { } v) return "–";
        var format = v == 0 ? "0.00" : Math.Abs(v) < 0.01m ? "0.0000" : Math.Abs(v) < 10m ? "0.00##" : "#,##0.00";
        return "$" + v.ToString(format, CultureInfo.InvariantCulture);
    }

    public static string PerHour(decimal? value) => value is null ? "–" : Amount(value) + "/h";
}
