# Deployment alarms: ECS watches them during a deployment and rolls back when one fires. They
# measure the whole load balancer (both target groups), so they follow traffic wherever ECS moves it.

resource "aws_cloudwatch_metric_alarm" "target_5xx_rate" {
  alarm_name          = "${local.name}-target-5xx-rate"
  alarm_description   = "${local.name}: share of requests the service answered with 5xx above ${var.max_error_rate}"
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.max_error_rate
  evaluation_periods  = var.alarm_evaluation_periods
  datapoints_to_alarm = var.alarm_datapoints_to_alarm
  treat_missing_data  = "notBreaching"

  metric_query {
    id          = "rate"
    expression  = "IF(requests > 0, errors / requests, 0)"
    label       = "Target 5xx rate"
    return_data = true
  }

  metric_query {
    id = "errors"

    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "HTTPCode_Target_5XX_Count"
      dimensions  = { LoadBalancer = aws_lb.this.arn_suffix }
      period      = 60
      stat        = "Sum"
    }
  }

  metric_query {
    id = "requests"

    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "RequestCount"
      dimensions  = { LoadBalancer = aws_lb.this.arn_suffix }
      period      = 60
      stat        = "Sum"
    }
  }

  tags = local.tags
}

resource "aws_cloudwatch_metric_alarm" "p99_latency" {
  alarm_name          = "${local.name}-p99-latency"
  alarm_description   = "${local.name}: p99 target response time above ${var.max_p99_latency_ms} ms"
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.max_p99_latency_ms / 1000
  evaluation_periods  = var.alarm_evaluation_periods
  datapoints_to_alarm = var.alarm_datapoints_to_alarm
  treat_missing_data  = "notBreaching"

  namespace          = "AWS/ApplicationELB"
  metric_name        = "TargetResponseTime"
  dimensions         = { LoadBalancer = aws_lb.this.arn_suffix }
  period             = 60
  extended_statistic = "p99"

  tags = local.tags
}
