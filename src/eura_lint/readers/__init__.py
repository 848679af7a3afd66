"""Reading the inputs: which files a run lints (``discovery``), reading a regular file within its
limits (``inputs``), bytes to text (``decoding``), a description's text to a record
(``description``) and a project list to one record per row (``project_list``)."""
