"""Figure builders: functions that take data frames and translated labels and return Plotly figures."""
