# nbgrader configuration for the newslab lessons: copy this file into your
# nbgrader course folder (the one holding source/), e.g.
#
#   mkdir -p course/source/lesson00 && cp notebooks/00-start-here.ipynb course/source/lesson00/
#   cp grading/nbgrader_config.py course/ && cd course
#   nbgrader generate_assignment lesson00
#
# The lessons already carry nbgrader's cell metadata (solution cells, and a
# locked graded cell under each exercise whose result is the points earned).
# tests/test_nbgrader.py runs nbgrader 0.9.6 with exactly this file.

c = get_config()  # noqa: F821 - provided by nbgrader when it reads this file

c.CourseDirectory.course_id = "newslab"

# Each exercise cell sets its answer to `...` above the solution block
# (`weekday = ...  # YOUR ANSWER HERE`), so the block itself becomes nothing:
# the student's copy runs to the end, and every self-check says
# "not answered yet" until the `...` is replaced.
c.ClearSolutions.code_stub = {"python": ""}
c.ClearSolutions.text_stub = "*Write your answer here.*"

# The lessons read their case and data from the checkout newslab is installed
# from; a lesson runs in well under a minute.
c.Execute.timeout = 300
