"""Distances and a map projection on the WGS84 ellipsoid, with numpy alone.

A lesson measures a border's length (the sum of its segments' geodesic
lengths) and draws it on a Lambert conformal conic map.  Both are a few lines
of closed-form geodesy: loading PROJ (pyproj, its C library and its CRS
database) for them cost every lesson kernel that draws a border about 13 MiB
and a tenth of a second.  So:

* :func:`inverse_m` -- geodesic distances by Vincenty's inverse formula
  (Vincenty 1975, *Survey Review* 23:176, 88-93), iterated to 1e-12 rad, which
  agrees with Karney's algorithm (PROJ's ``geod``, ``pyproj.Geod``) to well under
  a millimetre.  Near-antipodal pairs, where Vincenty's iteration may not
  converge, are handed to ``pyproj.Geod``: never a wrong distance, and no
  border segment or pair of places in a case comes near that.
* :class:`LambertConic` -- the ellipsoidal Lambert conformal conic with two
  standard parallels (Snyder 1987, *Map Projections: A Working Manual*, USGS
  Professional Paper 1395, pp. 107-109), the same formulas as PROJ's ``lcc``.

``tests/test_geo.py`` checks both against pyproj.

Examples
--------
>>> round(float(inverse_m([0.0], [0.0], [1.0], [0.0])[0]), 3)  # one degree along the equator, in metres
111319.491
>>> lcc = LambertConic(lat_1=31.0, lat_2=35.0, lat_0=33.0, lon_0=61.0)
>>> x, y = lcc.transform(61.0, 33.0)
>>> round(x, 6), round(y, 6)
(0.0, 0.0)
"""

from __future__ import annotations

import math
import re
from typing import Any

__all__ = ["A", "F", "inverse_m", "line_length_m", "LambertConic"]

#: WGS84 semi-major axis (m) and flattening.
A = 6378137.0
F = 1 / 298.257223563
_B = A * (1 - F)
_E2 = F * (2 - F)
_E = math.sqrt(_E2)


def inverse_m(lon1, lat1, lon2, lat2):
    """Geodesic distances in metres between points given in degrees (arrays of equal length).

    Parameters
    ----------
    lon1, lat1, lon2, lat2 : array_like
        Longitudes and latitudes of the two ends of each segment.

    Returns
    -------
    numpy.ndarray
        One distance per segment (0 for coincident points).

    Examples
    --------
    >>> [round(float(d)) for d in inverse_m([61.07, 0.0], [34.67, 0.0], [59.61, 0.0], [36.30, 0.0])]
    [224179, 0]
    """
    import numpy as np  # numpy (with pandas) only when something is measured: `import newslab` stays cheap

    lon1, lat1, lon2, lat2 = (np.asarray(v, dtype=float) for v in (lon1, lat1, lon2, lat2))
    distance = np.zeros(np.broadcast(lon1, lat1, lon2, lat2).shape)
    if distance.size == 0:
        return distance
    L = np.radians(((lon2 - lon1) + 180.0) % 360.0 - 180.0)
    U1 = np.arctan((1 - F) * np.tan(np.radians(lat1)))
    U2 = np.arctan((1 - F) * np.tan(np.radians(lat2)))
    sinU1, cosU1, sinU2, cosU2 = np.sin(U1), np.cos(U1), np.sin(U2), np.cos(U2)
    lam = L.copy()
    done = np.zeros(distance.shape, dtype=bool)
    with np.errstate(invalid="ignore", divide="ignore"):
        for _ in range(200):
            sin_lam, cos_lam = np.sin(lam), np.cos(lam)
            sin_sigma = np.hypot(cosU2 * sin_lam, cosU1 * sinU2 - sinU1 * cosU2 * cos_lam)
            cos_sigma = sinU1 * sinU2 + cosU1 * cosU2 * cos_lam
            sigma = np.arctan2(sin_sigma, cos_sigma)
            sin_alpha = np.where(sin_sigma == 0, 0.0, cosU1 * cosU2 * sin_lam / sin_sigma)
            cos2_alpha = 1 - sin_alpha ** 2
            # on the equator (cos² α = 0) the term vanishes
            cos_2sm = np.where(cos2_alpha == 0, 0.0, cos_sigma - 2 * sinU1 * sinU2 / cos2_alpha)
            C = F / 16 * cos2_alpha * (4 + F * (4 - 3 * cos2_alpha))
            previous = lam
            lam = L + (1 - C) * F * sin_alpha * (sigma + C * sin_sigma * (cos_2sm + C * cos_sigma * (-1 + 2 * cos_2sm ** 2)))
            done = np.abs(lam - previous) < 1e-12
            if done.all():
                break
        u2 = cos2_alpha * (A ** 2 - _B ** 2) / _B ** 2
        big_a = 1 + u2 / 16384 * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)))
        big_b = u2 / 1024 * (256 + u2 * (-128 + u2 * (74 - 47 * u2)))
        delta = big_b * sin_sigma * (cos_2sm + big_b / 4 * (cos_sigma * (-1 + 2 * cos_2sm ** 2)
                                                            - big_b / 6 * cos_2sm * (-3 + 4 * sin_sigma ** 2)
                                                            * (-3 + 4 * cos_2sm ** 2)))
        distance = _B * big_a * (sigma - delta)
    stuck = ~done | ~np.isfinite(distance)
    if stuck.any():  # nearly antipodal: Karney's algorithm, which always converges
        from pyproj import Geod  # pyproj only for the rare pair Vincenty cannot do

        _, _, far = Geod(ellps="WGS84").inv(np.broadcast_to(lon1, distance.shape)[stuck],
                                             np.broadcast_to(lat1, distance.shape)[stuck],
                                             np.broadcast_to(lon2, distance.shape)[stuck],
                                             np.broadcast_to(lat2, distance.shape)[stuck])
        distance = np.where(stuck, 0.0, distance)
        distance[stuck] = np.abs(far)
    return distance


def line_length_m(lons, lats) -> float:
    """Geodesic length in metres of a line through points given in degrees.

    Examples
    --------
    >>> round(line_length_m([0.0, 1.0, 2.0], [0.0, 0.0, 0.0]))
    222639
    """
    import numpy as np  # numpy (with pandas) only when something is measured: `import newslab` stays cheap

    lons, lats = np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)
    if lons.size < 2:
        return 0.0
    return float(inverse_m(lons[:-1], lats[:-1], lons[1:], lats[1:]).sum())


def _m(phi):
    import numpy as np

    s = np.sin(phi)
    return np.cos(phi) / np.sqrt(1 - _E2 * s * s)


def _t(phi):
    import numpy as np

    s = np.sin(phi)
    return np.tan(np.pi / 4 - phi / 2) / ((1 - _E * s) / (1 + _E * s)) ** (_E / 2)


class LambertConic:
    """Lambert conformal conic with two standard parallels on WGS84: (lon, lat) degrees to metres.

    Parameters
    ----------
    lat_1, lat_2 : float
        The standard parallels (degrees), where the scale is true.
    lat_0, lon_0 : float
        The origin (degrees): it maps to (0, 0).

    Examples
    --------
    >>> lcc = LambertConic.from_proj("+proj=lcc +lat_1=31.000 +lat_2=35.000 +lat_0=33.000 +lon_0=61.000 "
    ...                              "+datum=WGS84 +units=m +no_defs")
    >>> x, y = lcc.transform([61.5], [34.0])
    >>> round(float(x[0]), 3), round(float(y[0]), 3)
    (46171.129, 110961.383)
    """

    def __init__(self, lat_1: float, lat_2: float, lat_0: float, lon_0: float):
        phi1, phi2, phi0 = (math.radians(v) for v in (lat_1, lat_2, lat_0))
        m1, m2 = float(_m(phi1)), float(_m(phi2))
        t1, t2, t0 = float(_t(phi1)), float(_t(phi2)), float(_t(phi0))
        self.n = (math.log(m1) - math.log(m2)) / (math.log(t1) - math.log(t2)) if phi1 != phi2 else math.sin(phi1)
        self.c = A * m1 / (self.n * t1 ** self.n)
        self.rho0 = self.c * t0 ** self.n
        self.lon_0 = lon_0

    _PARAM = re.compile(r"\+(lat_1|lat_2|lat_0|lon_0)=(-?[0-9.]+)")

    @classmethod
    def from_proj(cls, proj: str) -> "LambertConic":
        """The projection of a ``+proj=lcc`` PROJ string on WGS84 (as :func:`newslab.plots.border.map_projection` writes)."""
        params = dict(cls._PARAM.findall(proj))
        if "+proj=lcc" not in proj or "+datum=WGS84" not in proj or len(params) != 4:
            raise ValueError(f"not a Lambert conformal conic on WGS84 with lat_1, lat_2, lat_0 and lon_0: {proj!r}")
        return cls(**{k: float(v) for k, v in params.items()})

    def transform(self, lon: Any, lat: Any):
        """Project (lon, lat) in degrees to (x, y) in metres: floats for floats, arrays for sequences."""
        import numpy as np  # numpy (with pandas) only when a map is drawn: `import newslab` stays cheap

        scalar = np.ndim(lon) == 0 and np.ndim(lat) == 0
        lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
        rho = self.c * _t(np.radians(lat)) ** self.n
        theta = self.n * np.radians(((lon - self.lon_0) + 180.0) % 360.0 - 180.0)
        x, y = rho * np.sin(theta), self.rho0 - rho * np.cos(theta)
        return (float(x), float(y)) if scalar else (x, y)
