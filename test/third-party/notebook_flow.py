"""The classic course notebook's infrastructure-as-code flow, with boto3, against the emulator.

Usage: notebook_flow.py <endpoint> — prints one JSON document describing what each step saw.
Every client talks to the given loopback endpoint only.
"""
import json
import sys
import time

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
assert endpoint.startswith("http://127.0.0.1:"), endpoint
session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-west-2")
cfg = Config(retries={"max_attempts": 1}, s3={"addressing_style": "path"})
iam = session.client("iam", endpoint_url=endpoint, config=cfg)
redshift = session.client("redshift", endpoint_url=endpoint, config=cfg)
data = session.client("redshift-data", endpoint_url=endpoint, config=cfg)
ec2 = session.resource("ec2", endpoint_url=endpoint, config=cfg)
s3 = session.resource("s3", endpoint_url=endpoint, config=cfg)
out = {}

# 1. IAM role Redshift can assume, with read access to S3.
role = iam.create_role(Path="/", RoleName="dwhRole", Description="Allows Redshift clusters to call AWS services on your behalf.",
    AssumeRolePolicyDocument=json.dumps({"Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": "redshift.amazonaws.com"}}], "Version": "2012-10-17"}))
iam.attach_role_policy(RoleName="dwhRole", PolicyArn="arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")
role_arn = iam.get_role(RoleName="dwhRole")["Role"]["Arn"]
out["roleArn"] = role_arn
out["roles"] = [r["RoleName"] for r in iam.list_roles()["Roles"]]

# 2. The sample data is there (the notebook peeks at it with Bucket.objects.filter).
bucket = s3.Bucket("udacity-dend")
out["logObjects"] = sum(1 for _ in bucket.objects.filter(Prefix="log_data"))

# 3. Cluster, waited for, described.
redshift.create_cluster(ClusterType="multi-node", NodeType="dc2.large", NumberOfNodes=4, DBName="dwh", ClusterIdentifier="dwhCluster",
    MasterUsername="dwhuser", MasterUserPassword="Passw0rd", IamRoles=[role_arn])
redshift.get_waiter("cluster_available").wait(ClusterIdentifier="dwhcluster", WaiterConfig={"Delay": 0.1, "MaxAttempts": 300})
props = redshift.describe_clusters(ClusterIdentifier="dwhcluster")["Clusters"][0]
out["cluster"] = {k: props.get(k) for k in ["ClusterIdentifier", "NodeType", "ClusterStatus", "MasterUsername", "DBName", "VpcId", "NumberOfNodes"]}
out["endpoint"] = props["Endpoint"]["Address"]
out["iamRoles"] = [r["IamRoleArn"] for r in props["IamRoles"]]

# 4. Open the port (recorded by the emulator, nothing is opened).
vpc = ec2.Vpc(id=props["VpcId"])
default_sg = list(vpc.security_groups.all())[0]
default_sg.authorize_ingress(GroupName=default_sg.group_name, CidrIp="0.0.0.0/0", IpProtocol="TCP", FromPort=5439, ToPort=5439)
try:
    default_sg.authorize_ingress(GroupName=default_sg.group_name, CidrIp="0.0.0.0/0", IpProtocol="TCP", FromPort=5439, ToPort=5439)
    out["duplicateIngress"] = "accepted"
except ClientError as e:
    out["duplicateIngress"] = e.response["Error"]["Code"]
default_sg.reload()
out["ingress"] = [(p["IpProtocol"], p.get("FromPort"), p["IpRanges"][0]["CidrIp"]) for p in default_sg.ip_permissions]


def wait(statement_id):
    while True:
        d = data.describe_statement(Id=statement_id)
        if d["Status"] in ("FINISHED", "FAILED", "ABORTED"):
            return d
        time.sleep(0.05)


# 5. Query through the Data API: a session keeps search_path; COPY with key credentials; CSV results.
db = {"ClusterIdentifier": "dwhcluster", "Database": "dwh", "DbUser": "dwhuser"}
first = data.execute_statement(Sql="CREATE SCHEMA IF NOT EXISTS sparkify", SessionKeepAliveSeconds=120, **db)
session_id = first["SessionId"]
statuses = [wait(first["Id"])["Status"]]
for sql in ["SET search_path TO sparkify",
            "CREATE TABLE staging_songs (num_songs INT, artist_id VARCHAR, artist_latitude FLOAT, artist_longitude FLOAT, artist_location VARCHAR(512), artist_name VARCHAR(512), song_id VARCHAR, title VARCHAR(512), duration FLOAT, year INT)",
            "COPY staging_songs FROM 's3://udacity-dend/song_data' CREDENTIALS 'aws_access_key_id=AKIAEXAMPLE;aws_secret_access_key=notChecked' FORMAT AS JSON 'auto' REGION 'us-west-2'"]:
    r = data.execute_statement(Sql=sql, SessionId=session_id)
    d = wait(r["Id"])
    statuses.append(d["Status"] if d["Status"] == "FINISHED" else d.get("Error"))
out["sessionStatuses"] = statuses
q = data.execute_statement(Sql="SELECT count(*) AS n, count(DISTINCT artist_id) AS artists FROM sparkify.staging_songs", ResultFormat="CSV", **db)
wait(q["Id"])
out["csv"] = data.get_statement_result_v2(Id=q["Id"])["Records"][0]["CSVRecords"]
try:
    data.get_statement_result(Id=q["Id"])
    out["jsonOfCsv"] = "served"
except ClientError as e:
    out["jsonOfCsv"] = e.response["Error"]["Code"]
try:
    data.describe_statement(Id="test")
    out["badId"] = "accepted"
except ClientError as e:
    out["badId"] = e.response["Error"]["Code"]

# 6. Tear down: cluster, then the role's policy and the role.
redshift.delete_cluster(ClusterIdentifier="dwhcluster", SkipFinalClusterSnapshot=True)
redshift.get_waiter("cluster_deleted").wait(ClusterIdentifier="dwhcluster", WaiterConfig={"Delay": 0.1, "MaxAttempts": 300})
iam.detach_role_policy(RoleName="dwhRole", PolicyArn="arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")
iam.delete_role(RoleName="dwhRole")
out["rolesAfter"] = [r["RoleName"] for r in iam.list_roles()["Roles"]]
print(json.dumps(out))
