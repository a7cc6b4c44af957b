"""ROS Twente domain package: data, calculations, chart builders and exports for the schaalsprong dashboard.

Everything here is plain Python (pandas, geopandas, plotly) and unit tested. The only module that imports
Streamlit is `ros.ui`.
"""
